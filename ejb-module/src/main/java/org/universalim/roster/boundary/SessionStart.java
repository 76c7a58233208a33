package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.boundary.UserPresence;

import java.util.List;

/**
 * What a session is shown once its device has logged on (RFC 6121 4.2.2, 4.4.2 and 3.4): the user's own presence, the
 * roster with the presence of the contacts the user may see, the subscription requests waiting, and the delivery
 * rules its priority is ordered into. Read in one transaction: four separate reads were four transactions per log-on
 * (issue 19, scenario (c)). The log-on itself is written before, in its own transaction: a transaction that locked the
 * user's row and then read the contacts' could deadlock with a contact logging on at the same moment.
 */
@Stateless
public class SessionStart {

    @EJB
    PresenceDirectory directory;

    @EJB
    RosterService roster;

    @EJB
    PresenceRules rules;

    /** What the user's new session is shown. */
    public View of(String userName) {
        return new View(directory.presence(userName), roster.roster(userName), roster.pendingRequests(userName),
                rules.rules(userName));
    }

    /** The user's presence, roster, waiting requests and delivery rules, as one transaction saw them. */
    public record View(UserPresence own, List<RosterEntry> roster, List<PendingRequest> pending, RulesView rules) {
    }
}
