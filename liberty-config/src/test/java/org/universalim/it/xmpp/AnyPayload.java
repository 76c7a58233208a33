package org.universalim.it.xmpp;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import java.io.IOException;

/** A payload Smack knows no class for (an avatar's metadata, an OMEMO device list), kept as the XML it read. */
record AnyPayload(String name, String namespace, String xml) implements ExtensionElement {

    /** Has Smack read elements of this name and namespace as {@code AnyPayload}s. */
    static void register(String name, String namespace) {
        ProviderManager.addExtensionProvider(name, namespace, new ExtensionElementProvider<AnyPayload>() {
            @Override
            public AnyPayload parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment)
                    throws XmlPullParserException, IOException {
                String element = parser.getName();
                String ns = parser.getNamespace();
                return new AnyPayload(element, ns, PacketParserUtils.parseElement(parser, true).toString());
            }
        });
    }

    @Override
    public String getElementName() {
        return name;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public CharSequence toXML(XmlEnvironment environment) {
        return xml;
    }
}
