package org.universalim.profile.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.profile.boundary.ProfileRefusal.Reason;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.profile.entity.Card;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.control.UniversalMessageFormat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Users' cards (XEP-0054 vCard-temp): a user's own card, saved as the user's client wrote it (bounded), and until
 * then one made from the registration (full name and screen name, R1); the card of another user of this ISP for
 * those the owner lets see their presence (R5). The card's XML is the protocol's business; this keeps and guards it.
 */
@Stateless
public class Cards {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    PresenceAuthorization authorization;

    @Inject
    ProfileSettings settings;

    @Inject
    Clock clock;

    /** The user's own card. */
    public String own(String user) {
        return cardOf(owner(user));
    }

    /**
     * Saves the user's card: the XML of one {@code vCard} element, checked by the protocol that read it.
     *
     * @throws ProfileRefusal TOO_BIG over {@code vcard.max.bytes}
     */
    public void save(String user, String xml) {
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.cardMaxBytes()) {
            throw new ProfileRefusal(Reason.TOO_BIG, "a card has at most " + settings.cardMaxBytes() + " bytes, not " + bytes);
        }
        Subscriber owner = owner(user);
        Card card = em.find(Card.class, user);
        if (card == null) {
            em.persist(new Card(user, owner.id(), xml, clock.instant()));
        } else {
            card.replace(xml, clock.instant());
        }
    }

    /**
     * The card of a user of this ISP as {@code requester} may see it: their own, or one of a user who lets them see
     * their presence.
     *
     * @throws ProfileRefusal NO_USER or NOT_AUTHORIZED
     */
    public String of(Requester requester, String ownerUser) {
        Subscriber owner = owner(ownerUser);
        if (!requester.is(ownerUser) && !authorization.letsSee(ownerUser, requester.address())) {
            throw new ProfileRefusal(Reason.NOT_AUTHORIZED, "only those " + ownerUser + " lets see their presence see their card");
        }
        return cardOf(owner);
    }

    private Subscriber owner(String user) {
        return registrar.find(user).filter(s -> !s.isDisabled())
                .orElseThrow(() -> new ProfileRefusal(Reason.NO_USER, "there is no user " + user + " here"));
    }

    private String cardOf(Subscriber owner) {
        Card card = em.find(Card.class, owner.userName());
        return card != null ? card.xml() : fromRegistration(owner.attributes().fullName(), owner.screenName());
    }

    /** The card of a user who never saved one: the full name and screen name given at registration. */
    static String fromRegistration(String fullName, String screenName) {
        StringBuilder xml = new StringBuilder("<vCard xmlns=\"vcard-temp\">");
        if (fullName != null && !fullName.isBlank()) {
            xml.append("<FN>").append(UniversalMessageFormat.escape(fullName)).append("</FN>");
        }
        if (screenName != null && !screenName.isBlank()) {
            xml.append("<NICKNAME>").append(UniversalMessageFormat.escape(screenName)).append("</NICKNAME>");
        }
        return xml.append("</vCard>").toString();
    }
}
