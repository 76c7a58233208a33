package org.universalim.registration.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GS2 header of a SCRAM client-first-message (RFC 5802 section 7). */
class Gs2HeaderTest {

    @Test
    void readsTheThreeFlagsAndTheAuthorizationIdentity() throws Exception {
        Gs2Header n = Gs2Header.parse("n,,n=user,r=abc");
        assertThat(n.flag()).isEqualTo('n');
        assertThat(n.bindingType()).isNull();
        assertThat(n.authorizationId()).isNull();
        assertThat(n.raw()).isEqualTo("n,,");
        assertThat(n.rest()).isEqualTo("n=user,r=abc");

        Gs2Header y = Gs2Header.parse("y,a=al=2Cice=3D,n=user,r=abc");
        assertThat(y.flag()).isEqualTo('y');
        assertThat(y.authorizationId()).isEqualTo("al,ice=");
        assertThat(y.raw()).isEqualTo("y,a=al=2Cice=3D,");

        Gs2Header p = Gs2Header.parse("p=tls-server-end-point,,n=user,r=abc");
        assertThat(p.flag()).isEqualTo('p');
        assertThat(p.bindingType()).isEqualTo("tls-server-end-point");
        assertThat(p.raw()).isEqualTo("p=tls-server-end-point,,");
    }

    @Test
    void refusesMalformedHeaders() {
        for (String bad : new String[] {"", "n", "n,", "x,,n=u,r=a", "p=,,n=u,r=a", "p=tls unique,,n=u,r=a", "p=a_b,,n=u,r=a",
                "n,b=x,n=u,r=a", "n,a=bad=ZZ,n=u,r=a", "Y,,n=u,r=a"}) {
            assertThatThrownBy(() -> Gs2Header.parse(bad)).as(bad).isInstanceOf(ScramException.class);
        }
    }
}
