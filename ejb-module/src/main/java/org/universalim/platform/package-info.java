/**
 * What every domain stands on: who this ISP is and how it shows its users' addresses ({@code IspSettings}),
 * the errors every boundary throws ({@code InvalidRequestException}, {@code ConflictException},
 * {@code NotFoundException}), the clock, loggers, incident ids ({@code Incidents}), the schema migration, the
 * named caches over Caffeine ({@code platform.cache}) and the federation port's mutual-TLS client with
 * certificate pins ({@code platform.tls}, used by federation, <b>R11</b>, and by the node channel,
 * <b>R12</b>). It knows no domain.
 */
package org.universalim.platform;
