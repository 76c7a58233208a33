package org.universalim.federation.boundary;

import java.util.List;

/**
 * A peer ISP as the administrator configures it (R11).
 *
 * @param domain            the peer's ISP domain; its certificate must name it (DNS subject alternative name)
 * @param universalDomain   its universal domain; derived with our marker when absent
 * @param baseUrl           its federation endpoint, e.g. {@code https://isp-b.example:9543}; may be left out when
 *                          {@code baseUrls} is given
 * @param transport         {@code REST} (default) or {@code SOAP}: how we call it
 * @param certificateSha256 optional pin: the SHA-256 fingerprint (hex) of its certificate
 * @param enabled           false to stop talking to it (default true)
 * @param announceAll       announce every new universal user of ours to it (default false)
 * @param deadlineSeconds   how long a request may wait for it before failing back to its sender (server default
 *                          {@code federation.deadline.minutes} when absent)
 * @param baseUrls          optional: every federation endpoint of a peer served by several nodes (with {@code
 *                          baseUrl}, that one first); calls go to each in turn and past one that cannot be reached
 */
public record PeerRequest(String domain, String universalDomain, String baseUrl, String transport,
                          String certificateSha256, Boolean enabled, Boolean announceAll, Long deadlineSeconds,
                          List<String> baseUrls) {
}
