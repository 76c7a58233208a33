package org.universalim.address;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link UserId} in one text column as {@code name@domain}, the very text the column held when entities
 * kept addresses as strings: the schema does not change. A field holding an address is mapped
 * {@code @Basic @Convert(converter = UserIdConverter.class)} (the {@code @Basic} keeps EclipseLink from taking the
 * {@code @Embeddable} {@link UserId} for an embedded object).
 *
 * <p>Reading never throws: a stored text that is not an address is kept as stored ({@link UserId#fromStored}), so a
 * legacy row is still read, shown and deleted, and matches no real address.
 */
@Converter
public class UserIdConverter implements AttributeConverter<UserId, String> {

    @Override
    public String convertToDatabaseColumn(UserId address) {
        return address == null ? null : address.toString();
    }

    @Override
    public UserId convertToEntityAttribute(String stored) {
        return stored == null ? null : UserId.fromStored(stored);
    }
}
