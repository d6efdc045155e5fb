/**
 * Auto-configuration of socket activation: the web servers (Tomcat, Jetty, Reactor Netty) of the
 * application and of a separate management port serve on the sockets systemd passed, and the
 * failure analysis when one cannot.
 * <p>
 * Applications name {@link SocketActivationAutoConfiguration}; the implementation is in
 * {@code org.slimta.system.autoconfigure.internal.socket}, which is internal.
 */
@NullMarked
package org.slimta.system.autoconfigure.socket;

import org.jspecify.annotations.NullMarked;
