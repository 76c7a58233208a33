package org.universalim.clientprotocol.xmpp.messaging;

import org.universalim.archive.boundary.ArchiveQuery;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.platform.InvalidRequestException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an archive query (XEP-0313 section 4.1): the data form's fields ({@code with}, {@code start}, {@code end},
 * {@code before-id}, {@code after-id}, {@code ids}) and the result set management's paging (XEP-0059 {@code <max/>},
 * {@code <after/>}, {@code <before/>}); and writes the form a client is offered. Pure.
 */
public final class ArchiveRequests {

    /** The fields of the query form we understand. */
    static final Set<String> FIELDS = Set.of("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids");
    /** The most ids one query may name. */
    static final int MAX_IDS = 100;

    private ArchiveRequests() {
    }

    /**
     * The query in a {@code <query xmlns='urn:xmpp:mam:2'/>}.
     *
     * @throws InvalidRequestException for a field we do not know, a malformed value or paging
     */
    public static ArchiveQuery read(XmlElement query) {
        String with = null;
        Instant start = null;
        Instant end = null;
        String beforeId = null;
        String afterId = null;
        String rsmAfter = null;
        String rsmBefore = null;
        List<String> ids = new ArrayList<>();
        XmlElement form = query.child("x", Namespaces.DATA);
        if (form != null) {
            for (XmlElement field : form.children("field", Namespaces.DATA)) {
                String var = field.attribute("var");
                List<String> values = field.children("value", Namespaces.DATA).stream().map(v -> v.text().strip()).toList();
                if (var == null || !FIELDS.contains(var)) {
                    throw new InvalidRequestException(var == null ? "field" : var, "this field is not supported");
                }
                String value = values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
                switch (var) {
                    case "FORM_TYPE" -> {
                        if (value != null && !Namespaces.MAM.equals(value)) {
                            throw new InvalidRequestException("FORM_TYPE", "the form type is " + Namespaces.MAM);
                        }
                    }
                    case "with" -> with = value;
                    case "start" -> start = time("start", value);
                    case "end" -> end = time("end", value);
                    case "before-id" -> beforeId = value;
                    case "after-id" -> afterId = value;
                    default -> values.stream().filter(v -> !v.isEmpty()).forEach(ids::add);
                }
            }
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidRequestException("ids", "at most " + MAX_IDS + " ids");
        }
        int max = -1;
        boolean last = false;
        XmlElement set = query.child("set", Namespaces.RSM);
        if (set != null) {
            String maxText = set.childText("max", Namespaces.RSM);
            if (maxText != null) {
                try {
                    max = Integer.parseInt(maxText.strip());
                } catch (NumberFormatException e) {
                    max = -2;
                }
                if (max < 0) {
                    throw new InvalidRequestException("max", "a number of messages, 0 or more");
                }
            }
            String after = set.childText("after", Namespaces.RSM);
            if (after != null && !after.isBlank()) {
                rsmAfter = after.strip();
            }
            XmlElement before = set.child("before", Namespaces.RSM);
            if (before != null) {
                if (before.text().isBlank()) {
                    last = true;
                } else {
                    rsmBefore = before.text().strip();
                }
            }
            if (set.child("index", Namespaces.RSM) != null) {
                throw new InvalidRequestException("index", "paging by index is not supported: page by id");
            }
        }
        return new ArchiveQuery(with, start, end, ids, afterId, beforeId, rsmAfter, rsmBefore, last, max);
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "a time as in XEP-0082, e.g. 2026-11-24T10:00:00Z");
        }
    }

    /** The query form offered (XEP-0313 section 5.1.1). */
    public static Xml form() {
        Xml x = Xml.element("x", Namespaces.DATA).attr("type", "form");
        x.child(Xml.element("field").attr("type", "hidden").attr("var", "FORM_TYPE").child(Xml.element("value").text(Namespaces.MAM)));
        x.child(Xml.element("field").attr("type", "jid-single").attr("var", "with"));
        x.child(Xml.element("field").attr("type", "text-single").attr("var", "start"));
        x.child(Xml.element("field").attr("type", "text-single").attr("var", "end"));
        x.child(Xml.element("field").attr("type", "text-single").attr("var", "before-id"));
        x.child(Xml.element("field").attr("type", "text-single").attr("var", "after-id"));
        x.child(Xml.element("field").attr("type", "list-multi").attr("var", "ids")
                .child(Xml.element("validate", "http://jabber.org/protocol/xdata-validate").attr("datatype", "xs:string")
                        .child(Xml.element("open"))));
        return Xml.element("query", Namespaces.MAM).child(x);
    }
}
