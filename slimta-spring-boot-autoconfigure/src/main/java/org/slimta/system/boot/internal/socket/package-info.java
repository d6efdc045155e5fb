/**
 * The web servers serving on sockets systemd passed: a Tomcat endpoint, a Jetty connector and a
 * Netty server channel that accept on an {@link org.slimta.system.internal.socket.ActivatedSocket} and
 * report the address it listens on. Internal usage only: the auto-configuration installs them.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.socket;

import org.jspecify.annotations.NullMarked;
