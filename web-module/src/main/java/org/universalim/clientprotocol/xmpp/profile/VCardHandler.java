package org.universalim.clientprotocol.xmpp.profile;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.Cards;
import org.universalim.profile.boundary.ProfilePeers;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.control.ProfileSettings;

import javax.xml.namespace.QName;
import java.util.Base64;
import java.util.List;

/**
 * vCard-temp (XEP-0054): the user's own card, made from the registration until the user saves one (full name and
 * screen name), saved within {@code vcard.max.bytes} with a photo of at most {@code vcard.photo.max.bytes}; the card
 * of another user, of this ISP or of another, for those the owner lets see their presence ({@code forbidden}
 * otherwise). The server's own card is empty.
 */
@ApplicationScoped
public class VCardHandler implements IqHandler {

    @EJB
    Cards cards;

    @Inject
    ProfilePeers peers;

    @Inject
    ProfileSettings settings;

    @Inject
    Owners owners;

    @Inject
    RemoteQueries remote;

    @Override
    public List<QName> handles() {
        return List.of(new QName(ProfileNamespaces.VCARD, "vCard"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(ProfileNamespaces.VCARD);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(ProfileNamespaces.VCARD);
    }

    @Override
    public void handle(IqRequest request) {
        Owners.Target target = owners.of(request);
        try {
            if (!request.isGet()) {
                if (!target.own()) {
                    request.error(StanzaError.forbidden("only your own card can be changed"));
                    return;
                }
                save(request);
                return;
            }
            switch (target.kind()) {
                case SELF -> ProfileReplies.result(request, cards.own(target.localUser()));
                case LOCAL -> ProfileReplies.result(request, cards.of(target.requester(), target.localUser()));
                case SERVER -> ProfileReplies.result(request, "<vCard xmlns=\"" + ProfileNamespaces.VCARD + "\"/>");
                case FOREIGN -> remote.ask(request, () -> peers.card(target.requester(), target.address()),
                        card -> ProfileReplies.result(request, card), ProfileReplies::card);
                default -> request.error(StanzaError.serviceUnavailable(null));
            }
        } catch (ProfileRefusal e) {
            ProfileReplies.card(request, e);
        }
    }

    private void save(IqRequest request) {
        XmlElement card = request.payload();
        String photo = photoProblem(card);
        if (photo != null) {
            request.error(StanzaError.notAcceptable(photo));
            return;
        }
        String xml;
        try {
            xml = XmlCopy.of(card, ProfileSettings.MAX_DEPTH, settings.cardMaxBytes());
        } catch (XmlCopy.TooLarge e) {
            request.error(StanzaError.notAcceptable("a card is too large: " + e.getMessage()));
            return;
        }
        cards.save(request.user(), xml);
        request.result(null);
    }

    /** What is wrong with the card's photo (XEP-0153: base64 in BINVAL), or {@code null}. */
    private String photoProblem(XmlElement card) {
        for (XmlElement photo : card.children("PHOTO", ProfileNamespaces.VCARD)) {
            String binval = photo.childText("BINVAL", ProfileNamespaces.VCARD);
            if (binval == null) {
                continue;
            }
            byte[] image;
            try {
                image = Base64.getMimeDecoder().decode(binval.strip());
            } catch (IllegalArgumentException e) {
                return "a photo is given in base64";
            }
            if (image.length > settings.photoMaxBytes()) {
                return "a photo has at most " + settings.photoMaxBytes() + " bytes, not " + image.length;
            }
        }
        return null;
    }
}
