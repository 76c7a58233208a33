package org.universalim.clientprotocol.xmpp.profile;

import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Data forms (XEP-0004) as this server reads and writes them: a submitted form's fields, a form to fill in. */
public final class DataForms {

    public static final String NAMESPACE = ProfileNamespaces.DATA;

    private DataForms() {
    }

    /** The {@code <x xmlns='jabber:x:data'/>} child of an element, or {@code null}. */
    public static XmlElement formIn(XmlElement parent) {
        return parent == null ? null : parent.child("x", NAMESPACE);
    }

    /** The fields of a submitted form, by {@code var}, with their values in order (FORM_TYPE included). */
    public static Map<String, List<String>> fields(XmlElement form) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (form == null) {
            return fields;
        }
        for (XmlElement field : form.children("field", NAMESPACE)) {
            String var = field.attribute("var");
            if (var == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            field.children("value", NAMESPACE).forEach(v -> values.add(v.text()));
            fields.put(var, values);
        }
        return fields;
    }

    /** The first value of a field, or {@code null}. */
    public static String value(Map<String, List<String>> fields, String var) {
        List<String> values = fields.get(var);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A new form ({@code type} form or result) with its FORM_TYPE. */
    public static Xml form(String type, String formType, String title, String instructions) {
        Xml x = Xml.element("x", NAMESPACE).attr("type", type);
        x.childText("title", title);
        x.childText("instructions", instructions);
        x.child(Xml.element("field").attr("var", "FORM_TYPE").attr("type", "hidden").child(Xml.element("value").text(formType)));
        return x;
    }

    /** A field to fill in (or showing a value). */
    public static Xml field(String var, String type, String label, boolean required, String value) {
        Xml field = Xml.element("field").attr("var", var).attr("type", type).attr("label", label);
        if (required) {
            field.child(Xml.element("required"));
        }
        if (value != null) {
            field.child(Xml.element("value").text(value));
        }
        return field;
    }

    /** A list-single field with its options. */
    public static Xml listField(String var, String label, String value, List<String> options) {
        Xml field = Xml.element("field").attr("var", var).attr("type", "list-single").attr("label", label);
        field.child(Xml.element("value").text(value));
        options.forEach(o -> field.child(Xml.element("option").child(Xml.element("value").text(o))));
        return field;
    }
}
