/**
 * Federation with the Universal IM servers of any number of peer ISPs (<b>R11</b>, configured in
 * {@code PeerDirectory}, not hard-coded): one XSD and one set of JAXB classes for REST and SOAP
 * (<b>R13</b>, {@code federation.wire}, the hardened {@code WireCodec}); requests to peers through a durable
 * ordered outbox ({@code FederationOutbox}, {@code FederationSender}) or at once ({@code FederationGateway},
 * FIG. 6 step 620, <b>R8</b>); the answers to peers ({@code FederationInbound}, FIG. 6 steps 620-650); foreign
 * users tracked for rosters (<b>R5</b>) and presence pushed to peers that track ours (<b>R6</b>); new
 * universal users announced (<b>R1</b>). It implements routing's {@code FederationPort} and roster's
 * {@code ForeignSubscriptions}.
 */
package org.universalim.federation;
