package org.universalim.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.universalim.platform.FieldError;
import org.universalim.platform.rest.ErrorBody;
import org.universalim.federation.boundary.PeerRequest;
import org.universalim.federation.boundary.PeerView;
import org.universalim.monitoring.boundary.CountersView;
import org.universalim.monitoring.boundary.ServerHealthView;
import org.universalim.presence.boundary.AlertRequest;
import org.universalim.presence.boundary.AlertView;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.DeliveryDecision;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.boundary.DeviceView;
import org.universalim.presence.boundary.HistoryEntry;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.boundary.StateUpdate;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.LockView;
import org.universalim.registration.boundary.PasswordReset;
import org.universalim.registration.boundary.UserPage;
import org.universalim.registration.boundary.UserSummary;
import org.universalim.registration.boundary.PublicProfile;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.boundary.PasswordChangeRequest;
import org.universalim.registration.boundary.ProfileUpdate;
import org.universalim.registration.boundary.InvitationView;
import org.universalim.registration.boundary.InvitationRequest;
import org.universalim.platform.account.RegistrationForm;
import org.universalim.privacy.boundary.BlockView;
import org.universalim.privacy.boundary.BlockRequest;
import org.universalim.privacy.boundary.PrivacyView;
import org.universalim.privacy.boundary.PrivacyUpdate;
import org.universalim.federation.boundary.OutboxItemView;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAPI schemas of the JSON bodies, made from the records themselves. Liberty's OpenAPI scanner only
 * indexes the web module, and our request and answer records live in the EJB module, so resources
 * refer to these schemas by name ({@code @Schema(ref = "Account")}).
 */
public class ApiSchemas implements OASModelReader {

    /** The records that travel as JSON bodies of the API. */
    static final List<Class<?>> BODIES = List.of(RegistrationRequest.class, Account.class, PublicProfile.class,
            ErrorBody.class, FieldError.class, DeviceSpec.class, DeviceView.class, StateUpdate.class, RulesView.class,
            RulesUpdate.class, DeliveryDecision.class, UserPresence.class, AvailabilityView.class, AlertRequest.class,
            AlertView.class, HistoryEntry.class, PeerRequest.class, PeerView.class, UserSummary.class, UserPage.class,
            PasswordReset.class, CountersView.class, ServerHealthView.class, LockView.class,
            // issue 16: users in control
            RegistrationForm.class, PasswordChangeRequest.class, ProfileUpdate.class,
            BlockView.class, BlockRequest.class, PrivacyView.class, PrivacyUpdate.class, InvitationView.class,
            InvitationRequest.class, OutboxItemView.class);

    @Override
    public OpenAPI buildModel() {
        Map<String, Schema> schemas = new TreeMap<>();
        List<Class<?>> pending = new ArrayList<>(BODIES);
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(0);
            if (schemas.containsKey(type.getSimpleName())) {
                continue;
            }
            Schema object = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
            for (RecordComponent component : type.getRecordComponents()) {
                object.addProperty(component.getName(), schemaOf(component.getGenericType(), pending));
            }
            schemas.put(type.getSimpleName(), object);
        }
        return OASFactory.createOpenAPI().components(OASFactory.createComponents().schemas(schemas));
    }

    private static Schema schemaOf(Type type, List<Class<?>> pending) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                    .items(schemaOf(generic.getActualTypeArguments()[0], pending));
        }
        Class<?> c = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (c == String.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (c == boolean.class || c == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER);
        }
        if (c == double.class || c == Double.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.NUMBER);
        }
        if (c == Instant.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        }
        if (c == LocalDate.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date");
        }
        if (c == LocalTime.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("time");
        }
        if (c.isEnum()) {
            Schema e = OASFactory.createSchema().type(Schema.SchemaType.STRING);
            for (Object constant : c.getEnumConstants()) {
                e.addEnumeration(((Enum<?>) constant).name());
            }
            return e;
        }
        if (c.isRecord()) {
            pending.add(c);
            return OASFactory.createSchema().ref(c.getSimpleName());
        }
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
    }
}
