package org.universalim.platform;

import java.io.Serializable;

/** One refused input field and why, in words for the person who filled it in. */
public record FieldError(String field, String message) implements Serializable {
}
