package org.universalim.clientprotocol.xmpp.profile;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.Cards;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * Software version (XEP-0092) of the server: its name and release (the operating system is not told). A user's
 * resources are asked by their own clients, through IQ routing between users.
 */
@ApplicationScoped
public class VersionHandler implements IqHandler {

    static final String NAME = "Universal IM";
    private static final String POM = "META-INF/maven/org.universalim/ejb-module/pom.properties";

    private String version = "unknown";

    @PostConstruct
    void read() {
        try (InputStream in = Cards.class.getClassLoader().getResourceAsStream(POM)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                version = pom.getProperty("version", version);
            }
        } catch (IOException e) {
            // stays unknown
        }
    }

    @Override
    public List<QName> handles() {
        return List.of(new QName(ProfileNamespaces.VERSION, "query"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(ProfileNamespaces.VERSION);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaError.badRequest("the version is a get"));
            return;
        }
        request.result(Xml.element("query", ProfileNamespaces.VERSION).childText("name", NAME).childText("version", version));
    }
}
