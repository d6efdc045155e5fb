/**
 * The web servers serving on sockets systemd passed: a Tomcat endpoint, a Jetty connector and a
 * Netty server channel that accept on an {@link org.slimta.system.socket.ActivatedSocket} and
 * report the address it listens on. Internal usage only: the auto-configuration installs them.
 */
@NullMarked
package org.slimta.system.boot.socket;

import org.jspecify.annotations.NullMarked;
