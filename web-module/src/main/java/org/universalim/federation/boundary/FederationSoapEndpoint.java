package org.universalim.federation.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.AvailabilityQuery;
import org.universalim.federation.wire.AvailabilityResponse;
import org.universalim.federation.wire.ConnectionRequestMessage;
import org.universalim.federation.wire.ConnectionResponse;
import org.universalim.federation.wire.DepartRequest;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.ProfileQuery;
import org.universalim.federation.wire.ProfileResponse;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.federation.wire.Request;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.federation.wire.UntrackRequest;
import org.universalim.federation.wire.Wire;

import javax.xml.namespace.QName;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SOAP transport of the federation contract (R13): the same operations with the same elements as the
 * REST transport, SOAP 1.1 document/literal at {@code /federation/soap} (WSDL at {@code ?wsdl}). A refused
 * request is a {@code soap:Client} fault with a {@code federationError} detail; a server fault is
 * {@code soap:Server}.
 */
@WebService(name = "Federation", serviceName = "FederationService", portName = "FederationPort",
        targetNamespace = FederationSoapEndpoint.SOAP_NS, wsdlLocation = "WEB-INF/wsdl/federation.wsdl")
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, use = SOAPBinding.Use.LITERAL, parameterStyle = SOAPBinding.ParameterStyle.BARE)
public class FederationSoapEndpoint {

    public static final String SOAP_NS = "urn:universal-im:federation:1:soap";
    private static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final Logger LOG = Logger.getLogger(FederationSoapEndpoint.class.getName());

    @Resource
    WebServiceContext context;

    @EJB
    FederationInbound inbound;

    @EJB
    PeerDirectory peers;

    @WebMethod(operationName = "announce")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack announce(@WebParam(name = "announceRequest", targetNamespace = Wire.NS, partName = "request") AnnounceRequest r) {
        return (Ack) handle(Operation.ANNOUNCE, r);
    }

    @WebMethod(operationName = "track")
    @WebResult(name = "trackResponse", targetNamespace = Wire.NS, partName = "answer")
    public TrackResponse track(@WebParam(name = "trackRequest", targetNamespace = Wire.NS, partName = "request") TrackRequest r) {
        return (TrackResponse) handle(Operation.TRACK, r);
    }

    @WebMethod(operationName = "untrack")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack untrack(@WebParam(name = "untrackRequest", targetNamespace = Wire.NS, partName = "request") UntrackRequest r) {
        return (Ack) handle(Operation.UNTRACK, r);
    }

    @WebMethod(operationName = "presence")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack presence(@WebParam(name = "presenceUpdate", targetNamespace = Wire.NS, partName = "request") PresenceUpdate r) {
        return (Ack) handle(Operation.PRESENCE, r);
    }

    @WebMethod(operationName = "subscriptionRequest")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack subscriptionRequest(@WebParam(name = "subscriptionRequest", targetNamespace = Wire.NS, partName = "request")
                                   SubscriptionRequestMessage r) {
        return (Ack) handle(Operation.SUBSCRIPTION_REQUEST, r);
    }

    @WebMethod(operationName = "subscriptionAnswer")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack subscriptionAnswer(@WebParam(name = "subscriptionAnswer", targetNamespace = Wire.NS, partName = "request")
                                  SubscriptionAnswerMessage r) {
        return (Ack) handle(Operation.SUBSCRIPTION_ANSWER, r);
    }

    @WebMethod(operationName = "unsubscribe")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack unsubscribe(@WebParam(name = "unsubscribeRequest", targetNamespace = Wire.NS, partName = "request") UnsubscribeRequest r) {
        return (Ack) handle(Operation.UNSUBSCRIBE, r);
    }

    @WebMethod(operationName = "connect")
    @WebResult(name = "connectionResponse", targetNamespace = Wire.NS, partName = "answer")
    public ConnectionResponse connect(@WebParam(name = "connectionRequest", targetNamespace = Wire.NS, partName = "request")
                                      ConnectionRequestMessage r) {
        return (ConnectionResponse) handle(Operation.CONNECT, r);
    }

    @WebMethod(operationName = "messages")
    @WebResult(name = "messageBatchResponse", targetNamespace = Wire.NS, partName = "answer")
    public MessageBatchResponse messages(@WebParam(name = "messageBatch", targetNamespace = Wire.NS, partName = "request") MessageBatch r) {
        return (MessageBatchResponse) handle(Operation.MESSAGES, r);
    }

    @WebMethod(operationName = "receipts")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack receipts(@WebParam(name = "receiptBatch", targetNamespace = Wire.NS, partName = "request") ReceiptBatch r) {
        return (Ack) handle(Operation.RECEIPTS, r);
    }

    @WebMethod(operationName = "availability")
    @WebResult(name = "availabilityResponse", targetNamespace = Wire.NS, partName = "answer")
    public AvailabilityResponse availability(@WebParam(name = "availabilityQuery", targetNamespace = Wire.NS, partName = "request")
                                             AvailabilityQuery r) {
        return (AvailabilityResponse) handle(Operation.AVAILABILITY, r);
    }

    @WebMethod(operationName = "status")
    @WebResult(name = "statusResponse", targetNamespace = Wire.NS, partName = "answer")
    public StatusResponse status(@WebParam(name = "statusRequest", targetNamespace = Wire.NS, partName = "request") StatusRequest r) {
        return (StatusResponse) handle(Operation.STATUS, r);
    }

    @WebMethod(operationName = "profile")
    @WebResult(name = "profileResponse", targetNamespace = Wire.NS, partName = "answer")
    public ProfileResponse profile(@WebParam(name = "profileQuery", targetNamespace = Wire.NS, partName = "request") ProfileQuery r) {
        return (ProfileResponse) handle(Operation.PROFILE, r);
    }

    @WebMethod(operationName = "pepEvents")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack pepEvents(@WebParam(name = "pepEventBatch", targetNamespace = Wire.NS, partName = "request") PepEventBatch r) {
        return (Ack) handle(Operation.PEP_EVENTS, r);
    }

    @WebMethod(operationName = "depart")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack depart(@WebParam(name = "departRequest", targetNamespace = Wire.NS, partName = "request") DepartRequest r) {
        return (Ack) handle(Operation.DEPART, r);
    }

    @WebMethod(operationName = "iq")
    @WebResult(name = "ack", targetNamespace = Wire.NS, partName = "answer")
    public Ack iq(@WebParam(name = "iqForward", targetNamespace = Wire.NS, partName = "request") IqForward r) {
        return (Ack) handle(Operation.IQ, r);
    }

    private Object handle(Operation op, Request request) {
        HttpServletRequest http = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        Peer peer = peers.find((String) http.getAttribute(FederationGuard.PEER))
                .orElseThrow(() -> fault("Client", "unknown_peer", "not a configured peer"));
        if (request == null) {
            throw fault("Client", "invalid", "the body holds no " + op.request().getSimpleName());
        }
        try {
            WireCodec.validate(request);
        } catch (WireCodec.Refused e) {
            throw fault("Client", "invalid", e.getMessage());
        }
        try {
            return inbound.handle(peer, op, request);
        } catch (FederationRefusal e) {
            throw fault("Client", e.code(), e.getMessage());
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "federation (SOAP): " + op.path() + " from " + peer.domain() + " failed, incident " + incident, e);
            throw fault("Server", "internal_error", "the request could not be handled (incident " + incident + ")");
        }
    }

    private static SOAPFaultException fault(String faultCode, String code, String message) {
        try {
            SOAPFault fault = SOAPFactory.newInstance().createFault(message, new QName(ENVELOPE_NS, faultCode));
            Detail detail = fault.addDetail();
            DetailEntry entry = detail.addDetailEntry(new QName(Wire.NS, "federationError"));
            entry.setAttribute("code", code);
            entry.setAttribute("message", message.length() > 500 ? message.substring(0, 500) : message);
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
