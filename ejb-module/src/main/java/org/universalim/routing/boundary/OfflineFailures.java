package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.routing.control.OfflineBox;
import org.universalim.routing.entity.ImMessage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stored messages that will not be delivered (expired, or purged by the ISP): marked failed, and each sender told
 * with a {@code failed} receipt and the reason, a local one at once, one of another ISP through their ISP. A message
 * being handed to a device at that moment is left alone.
 */
@ApplicationScoped
public class OfflineFailures {

    @EJB
    OfflineBox box;

    @Inject
    DeviceFallback fallback;

    @Inject
    Receipts receipts;

    /** @return how many were failed */
    public int fail(List<ImMessage> stored, String reason) {
        List<ImMessage> idle = stored.stream().filter(m -> !fallback.inFlight(m.id()) && !receipts.settling(m.id())).toList();
        Set<String> failed = new HashSet<>(box.fail(idle.stream().map(ImMessage::id).toList()));
        for (ImMessage m : idle) {
            if (failed.contains(m.id())) {
                receipts.tell(m, ReceiptStatus.FAILED, null, reason);
            }
        }
        return failed.size();
    }
}
