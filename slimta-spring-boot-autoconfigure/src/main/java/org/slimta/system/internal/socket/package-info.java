/**
 * Socket activation without Spring: the listening sockets systemd passed to this process
 * ({@code LISTEN_PID}, {@code LISTEN_FDS}, {@code LISTEN_FDNAMES}, as {@code sd_listen_fds(3)}
 * reads them), each turned into a JDK {@link java.nio.channels.ServerSocketChannel} that a web
 * server accepts on, and the ones no server takes closed.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.socket;

import org.jspecify.annotations.NullMarked;
