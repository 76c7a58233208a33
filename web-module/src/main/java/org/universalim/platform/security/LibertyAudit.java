package org.universalim.platform.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works around Open Liberty's audit of a failed log-in (26.0.0.3): when an authentication mechanism answers
 * anything but success and the application has no {@code login-config}, Liberty records the request's auth
 * type as {@code BASIC}, then takes the user name out of the {@code Authorization} header itself, with
 * {@code substring(0, indexOf(':'))} — a Basic header without a colon ({@code Basic Zm9v}) throws there and the
 * client gets a 500 after our 401 (and the log an FFDC). Telling Liberty the auth type is our own (its private
 * request attribute {@code AUTH_TYPE}, which it otherwise sets only on success) skips that code.
 * On another container, or if Liberty drops the method, this does nothing.
 */
final class LibertyAudit {

    private static final Logger LOG = Logger.getLogger(LibertyAudit.class.getName());

    private LibertyAudit() {
    }

    static void notBasic(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        try {
            Method set = r.getClass().getMethod("setPrivateAttribute", String.class, Object.class);
            set.invoke(r, "AUTH_TYPE", "JASPI");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINEST, "no Liberty private request attributes here", e);
        }
    }
}
