package org.universalim.archive.entity;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's archiving preferences (XEP-0313 section 7). */
class ArchivePreferencesTest {

    @Test
    void newPreferencesArchiveEverything() {
        ArchivePreferences p = new ArchivePreferences("alice", 1L);
        assertThat(p.mode()).isEqualTo(ArchivePreferences.Mode.ALWAYS);
        assertThat(p.always()).isEmpty();
        assertThat(p.never()).isEmpty();
    }

    @Test
    void anAddressOnBothListsIsNeverArchived() {
        ArchivePreferences p = new ArchivePreferences("alice", 1L);
        p.replace(ArchivePreferences.Mode.ROSTER, List.of("bob@isp-a.example", "carol@isp-b-u.example"),
                List.of("bob@isp-a.example", "bob@isp-a.example"));
        assertThat(p.mode()).isEqualTo(ArchivePreferences.Mode.ROSTER);
        assertThat(p.always()).containsExactly("carol@isp-b-u.example");
        assertThat(p.never()).containsExactly("bob@isp-a.example");
    }

    @Test
    void theListsAreBounded() {
        ArchivePreferences p = new ArchivePreferences("alice", 1L);
        List<String> tooMany = Collections.nCopies(ArchivePreferences.MAX_ADDRESSES + 1, "x@isp-a.example");
        assertThatThrownBy(() -> p.replace(ArchivePreferences.Mode.NEVER, tooMany, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
