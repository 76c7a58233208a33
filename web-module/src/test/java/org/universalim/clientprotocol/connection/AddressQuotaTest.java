package org.universalim.clientprotocol.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressQuotaTest {

    @Test
    void anAddressGetsItsShareAndNoMoreUntilOneIsGivenBack() {
        AddressQuota quota = new AddressQuota(2);
        assertThat(quota.tryAcquire("10.0.0.1")).isTrue();
        assertThat(quota.tryAcquire("10.0.0.1")).isTrue();
        assertThat(quota.hasRoom("10.0.0.1")).isFalse();
        assertThat(quota.tryAcquire("10.0.0.1")).isFalse();
        assertThat(quota.tryAcquire("10.0.0.2")).as("another address has its own share").isTrue();
        quota.release("10.0.0.1");
        assertThat(quota.tryAcquire("10.0.0.1")).isTrue();
        assertThat(quota.held("10.0.0.1")).isEqualTo(2);
    }

    @Test
    void addressesThatHoldNothingAreForgotten() {
        AddressQuota quota = new AddressQuota(5);
        quota.tryAcquire("10.0.0.1");
        quota.release("10.0.0.1");
        quota.release("10.0.0.1");
        assertThat(quota.held("10.0.0.1")).isZero();
        assertThat(quota.addresses()).isZero();
    }

    @Test
    void zeroMeansNoLimit() {
        AddressQuota quota = new AddressQuota(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(quota.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(quota.hasRoom("10.0.0.1")).isTrue();
    }
}
