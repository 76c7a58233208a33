package org.universalim.clientprotocol.xmpp.messaging;

import org.junit.jupiter.api.Test;
import org.universalim.archive.boundary.ArchiveQuery;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.platform.InvalidRequestException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An archive query as a client writes it (XEP-0313 section 4.1, XEP-0059), read into what the archive is asked. */
class ArchiveRequestsTest {

    private static ArchiveQuery read(String inner) throws Exception {
        return ArchiveRequests.read(new StanzaReader().read("<iq xmlns='jabber:client' type='set' id='q'><query xmlns='urn:xmpp:mam:2'>"
                + inner + "</query></iq>").children().get(0));
    }

    private static String form(String fields) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
                + fields + "</x>";
    }

    @Test
    void anEmptyQueryAsksForEverythingAtTheServersPageSize() throws Exception {
        assertThat(read("")).isEqualTo(new ArchiveQuery(null, null, null, List.of(), null, null, null, null, false, -1));
    }

    @Test
    void theFormsFieldsAndThePaging() throws Exception {
        ArchiveQuery q = read(form("<field var='with'><value>bob@isp-a-u.example</value></field>"
                + "<field var='start'><value>2026-11-24T10:00:00+01:00</value></field>"
                + "<field var='end'><value>2026-11-25T00:00:00Z</value></field>"
                + "<field var='ids'><value>m1</value><value>m2</value></field>")
                + "<set xmlns='http://jabber.org/protocol/rsm'><max>5</max><after>m0</after></set>");
        assertThat(q).isEqualTo(new ArchiveQuery("bob@isp-a-u.example", Instant.parse("2026-11-24T09:00:00Z"),
                Instant.parse("2026-11-25T00:00:00Z"), List.of("m1", "m2"), null, null, "m0", null, false, 5));
    }

    @Test
    void anEmptyBeforeAsksForTheLastPageABeforeIdForThePageBeforeItAndTheFormsIdsAreFilters() throws Exception {
        assertThat(read("<set xmlns='http://jabber.org/protocol/rsm'><max>0</max><before/></set>").last()).isTrue();
        assertThat(read("<set xmlns='http://jabber.org/protocol/rsm'><before>m9</before></set>").rsmBefore()).isEqualTo("m9");
        assertThat(read(form("<field var='before-id'><value>m8</value></field><field var='after-id'><value>m1</value></field>")))
                .satisfies(q -> {
                    assertThat(q.beforeId()).isEqualTo("m8");
                    assertThat(q.afterId()).isEqualTo("m1");
                    assertThat(q.rsmBefore()).isNull();
                    assertThat(q.last()).isFalse();
                });
    }

    @Test
    void whatWeDoNotUnderstandIsRefused() {
        assertThatThrownBy(() -> read(form("<field var='fulltext'><value>x</value></field>"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("fulltext");
        assertThatThrownBy(() -> read(form("<field var='start'><value>yesterday</value></field>"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("start");
        assertThatThrownBy(() -> read("<set xmlns='http://jabber.org/protocol/rsm'><max>-1</max></set>"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> read("<set xmlns='http://jabber.org/protocol/rsm'><index>3</index></set>"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("index");
        assertThatThrownBy(() -> read("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xmpp:mam:1</value></field></x>"))
                .isInstanceOf(InvalidRequestException.class);
        StringBuilder ids = new StringBuilder("<field var='ids'>");
        for (int i = 0; i <= ArchiveRequests.MAX_IDS; i++) {
            ids.append("<value>m").append(i).append("</value>");
        }
        assertThatThrownBy(() -> read(form(ids + "</field>"))).isInstanceOf(InvalidRequestException.class);
    }
}
