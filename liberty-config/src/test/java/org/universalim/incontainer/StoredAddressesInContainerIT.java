package org.universalim.incontainer;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An address field is a UserId in the entity and the same text in its column (UserIdConverter): a JPQL parameter
 * given as a UserId finds the row, and a row whose column holds a text that is no address is still read, as stored.
 */
@ExtendWith(ArquillianExtension.class)
class StoredAddressesInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("stored-addresses", StoredAddressesInContainerIT.class, StoredAddresses.class);
    }

    @EJB
    StoredAddresses rows;

    @Test
    void anAddressIsStoredAsItsTextAndFoundByAUserIdParameter() {
        String owner = "o" + UUID.randomUUID().toString().substring(0, 8);
        UserId bob = UserId.parse("Bob@ISP-B-U.example");
        long id = rows.add(owner, bob);

        assertThat(rows.storedContact(id)).isEqualTo("bob@isp-b-u.example");
        assertThat(rows.byContact(owner, UserId.parse("bob@isp-b-u.example"))).extracting(RosterItem::id).containsExactly(id);
        assertThat(rows.byContact(owner, UserId.parse("bob@isp-b.example"))).isEmpty();
        assertThat(rows.of(owner)).singleElement().extracting(RosterItem::contact).isEqualTo(bob);
        rows.removeAll(owner);
    }

    @Test
    void aStoredTextThatIsNoAddressIsReadAsStored() {
        String owner = "o" + UUID.randomUUID().toString().substring(0, 8);
        long id = rows.add(owner, UserId.parse("carol@isp-b-u.example"));
        rows.overwriteContact(id, "isp-b-u.example/legacy");

        RosterItem read = rows.of(owner).get(0);
        assertThat(read.contact()).hasToString("isp-b-u.example/legacy");
        assertThat(read.contact().isWellFormed()).isFalse();
        assertThat(rows.byContact(owner, UserId.parse("carol@isp-b-u.example"))).isEmpty();
        rows.removeAll(owner);
        assertThat(rows.of(owner)).isEmpty();
    }
}
