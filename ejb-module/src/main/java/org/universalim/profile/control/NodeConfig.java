package org.universalim.profile.control;

import org.universalim.profile.entity.AccessModel;
import org.universalim.profile.entity.PersonalNode.SendLast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's configuration (XEP-0060 section 16.4, the fields a personal eventing service offers) and the rules of
 * publish options (XEP-0223, XEP-0060 section 7.1.5) and node configuration forms over it. Pure.
 *
 * @param maxItems how many items the node keeps (its newest)
 */
public record NodeConfig(AccessModel access, boolean persistItems, int maxItems, SendLast sendLast, boolean notifyRetract) {

    public static final String ACCESS_MODEL = "pubsub#access_model";
    public static final String PERSIST_ITEMS = "pubsub#persist_items";
    public static final String MAX_ITEMS = "pubsub#max_items";
    public static final String SEND_LAST = "pubsub#send_last_published_item";
    public static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    public static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
    public static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";
    public static final String PRESENCE_BASED = "pubsub#presence_based_delivery";

    /** A field's value that cannot be had; its message is for the client. */
    public static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        public Unsatisfiable(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What a node is created with when nothing is asked (XEP-0163 section 4.1: presence access, the last item kept). */
    public static NodeConfig defaults() {
        return new NodeConfig(AccessModel.PRESENCE, true, 1, SendLast.ON_SUB_AND_PRESENCE, true);
    }

    /**
     * This configuration changed by the fields of a configuration or publish-options form (unknown fields are
     * ignored; a value we cannot honour is refused).
     *
     * @param itemsBound the most items a node may keep ({@code max})
     */
    public NodeConfig with(Map<String, List<String>> fields, int itemsBound) throws Unsatisfiable {
        NodeConfig c = this;
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            String value = f.getValue().isEmpty() ? "" : f.getValue().get(0).strip();
            switch (f.getKey()) {
                case ACCESS_MODEL -> c = new NodeConfig(AccessModel.of(value).orElseThrow(
                        () -> new Unsatisfiable(f.getKey(), "the access models offered are open, presence and whitelist")),
                        c.persistItems, c.maxItems, c.sendLast, c.notifyRetract);
                case PERSIST_ITEMS -> c = new NodeConfig(c.access, bool(f.getKey(), value), c.maxItems, c.sendLast, c.notifyRetract);
                case MAX_ITEMS -> c = new NodeConfig(c.access, c.persistItems, maxItems(value, itemsBound), c.sendLast, c.notifyRetract);
                case SEND_LAST -> c = new NodeConfig(c.access, c.persistItems, c.maxItems, sendLast(value), c.notifyRetract);
                case NOTIFY_RETRACT -> c = new NodeConfig(c.access, c.persistItems, c.maxItems, c.sendLast, bool(f.getKey(), value));
                case DELIVER_PAYLOADS, DELIVER_NOTIFICATIONS -> {
                    if (!bool(f.getKey(), value)) {
                        throw new Unsatisfiable(f.getKey(), "notifications always carry their payload");
                    }
                }
                case PRESENCE_BASED -> {
                    // notifications go to available resources only, whatever is asked
                }
                default -> {
                    // FORM_TYPE and fields this service does not configure
                }
            }
        }
        return c;
    }

    /**
     * Whether an existing node meets the publish options' preconditions (XEP-0060 section 7.1.5): every field
     * asked, that this service configures, has that value here.
     */
    public boolean meets(Map<String, List<String>> options, int itemsBound) {
        try {
            return with(options, itemsBound).equals(this);
        } catch (Unsatisfiable e) {
            return false;
        }
    }

    /** The configuration as form fields (var to value), for a configuration form. */
    public Map<String, String> fields(int itemsBound) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(ACCESS_MODEL, access.value());
        f.put(PERSIST_ITEMS, persistItems ? "true" : "false");
        f.put(MAX_ITEMS, maxItems >= itemsBound ? "max" : String.valueOf(maxItems));
        f.put(SEND_LAST, sendLast.name().toLowerCase(Locale.ROOT));
        f.put(NOTIFY_RETRACT, notifyRetract ? "true" : "false");
        f.put(DELIVER_PAYLOADS, "true");
        return f;
    }

    private static boolean bool(String field, String value) throws Unsatisfiable {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new Unsatisfiable(field, field + " is true or false");
        };
    }

    private static int maxItems(String value, int bound) throws Unsatisfiable {
        if (value.equalsIgnoreCase("max")) {
            return bound;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > bound) {
                throw new Unsatisfiable(MAX_ITEMS, "a node keeps 1 to " + bound + " items");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Unsatisfiable(MAX_ITEMS, MAX_ITEMS + " is a number or max");
        }
    }

    private static SendLast sendLast(String value) throws Unsatisfiable {
        try {
            return SendLast.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Unsatisfiable(SEND_LAST, SEND_LAST + " is never, on_sub or on_sub_and_presence");
        }
    }
}
