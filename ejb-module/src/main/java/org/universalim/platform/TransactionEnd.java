package org.universalim.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * For caches of what a transaction is changing: forget now, so that nothing reads the old value from
 * memory during the transaction, and again when it ends, so that a read that raced with it and put the old
 * value back is not kept.
 */
@ApplicationScoped
public class TransactionEnd {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} now and, within an active transaction, again once it has ended. */
    public void nowAndAfter(Runnable action) {
        action.run();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }
}
