package org.universalim.privacy.control;

import org.junit.jupiter.api.Test;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A block list matches a user under both their addresses, and a domain blocks everybody of that ISP. */
class BlockSetTest {

    static final UniversalMarker MARKER = UniversalMarker.DEFAULT;

    @Test
    void aUserIsBlockedUnderTheirLocalAndTheirUniversalAddress() {
        BlockSet set = BlockSet.of(List.of("bob@isp-b.example"), MARKER);

        assertThat(set.blocks(UserId.parse("bob@isp-b.example"))).isTrue();
        assertThat(set.blocks(UserId.parse("bob@isp-b-u.example"))).isTrue();
        assertThat(set.blocks(UserId.parse("Bob@ISP-B-U.example"))).isTrue();
        assertThat(set.blocks(UserId.parse("bob@isp-c.example"))).isFalse();
        assertThat(set.blocks(UserId.parse("carol@isp-b.example"))).isFalse();
    }

    @Test
    void aBlockedDomainIsBlockedAsAServerItselfAndAUserOfItDoesNotBlockIt() {
        BlockSet set = BlockSet.of(List.of("Prosody.example", "bob@ejabberd.example"), MARKER);

        assertThat(set.blocksDomain("prosody.example")).isTrue();
        assertThat(set.blocksDomain("ejabberd.example")).isFalse();
        assertThat(set.blocksDomain("other.example")).isFalse();
        assertThat(BlockSet.EMPTY.blocksDomain("prosody.example")).isFalse();
    }

    @Test
    void anEntryWrittenWithTheUniversalAddressBlocksTheLocalOneToo() {
        BlockSet set = BlockSet.of(List.of("bob@isp-b-u.example"), MARKER);

        assertThat(set.blocks(UserId.parse("bob@isp-b.example"))).isTrue();
    }

    @Test
    void aDomainBlocksEveryUserOfThatIspAtBothItsDomainsAndNoOther() {
        BlockSet set = BlockSet.of(List.of("isp-b.example"), MARKER);

        assertThat(set.blocks(UserId.parse("anyone@isp-b.example"))).isTrue();
        assertThat(set.blocks(UserId.parse("anyone@isp-b-u.example"))).isTrue();
        assertThat(set.blocks(UserId.parse("anyone@isp-bb.example"))).isFalse();
        assertThat(set.blocks(UserId.parse("anyone@sub.isp-b.example"))).isFalse();
    }

    @Test
    void entriesAreKeptNormalisedAndNonsenseIsRefused() {
        assertThat(BlockSet.normalize("  Bob@ISP-B.Example ")).isEqualTo("bob@isp-b.example");
        assertThat(BlockSet.normalize("ISP-B.Example.")).isEqualTo("isp-b.example");
        assertThat(BlockSet.isDomain("isp-b.example")).isTrue();
        assertThat(BlockSet.isDomain("bob@isp-b.example")).isFalse();
        assertThatThrownBy(() -> BlockSet.normalize("bob@@isp-b.example")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> BlockSet.normalize("isp b")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> BlockSet.normalize(" ")).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void anEmptyListBlocksNobody() {
        assertThat(BlockSet.of(List.of(), MARKER).blocks(UserId.parse("bob@isp-b.example"))).isFalse();
        assertThat(BlockSet.EMPTY.isEmpty()).isTrue();
    }
}
