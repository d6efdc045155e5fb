/**
 * Auto-configuration of socket activation: the web servers (Tomcat, Jetty, Reactor Netty) of the
 * application and of a separate management port serve on the sockets systemd passed, and the
 * failure analysis when one cannot.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.autoconfigure.internal.socket;

import org.jspecify.annotations.NullMarked;
