package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

import java.time.Instant;
import java.time.OffsetDateTime;

/** xs:dateTime as an {@link Instant}: written in UTC with {@code Z}, read with any offset. */
public class InstantAdapter extends XmlAdapter<String, Instant> {

    @Override
    public Instant unmarshal(String text) {
        return text == null ? null : OffsetDateTime.parse(text.strip()).toInstant();
    }

    @Override
    public String marshal(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
