package org.slimta.system.autoconfigure.internal.socket;

import java.util.function.Supplier;

import org.slimta.system.boot.internal.socket.ActivatedHttp11NioProtocol;
import org.slimta.system.boot.internal.socket.ActivatedLoopResources;
import org.slimta.system.boot.internal.socket.ActivatedServerConnector;
import org.slimta.system.internal.socket.ActivatedSocket;
import org.slimta.system.internal.socket.InheritedSocket;
import org.slimta.system.internal.socket.InheritedSocketUnusableException;
import org.slimta.system.internal.socket.InheritedSockets;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The customizers that make each web server serve on an inherited socket, taken when the server's
 * factory is customized: after Spring Boot's own customizers set its port, so that the port and
 * address it reports are the socket's.
 */
public final class ActivatedServers {

	private static final String MANAGEMENT_CONTEXT = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private ActivatedServers() {
	}

	/**
	 * Take the socket of the application's port.
	 * @param sockets the inherited sockets
	 * @param environment the application's environment
	 * @return the socket, as a channel
	 * @throws InheritedSocketUnusableException if there is none for it, or one for a management
	 * server that does not exist
	 */
	public static ActivatedSocket forApplication(InheritedSockets sockets, Environment environment) {
		sockets.forManagement().ifPresent((management) -> {
			if (!separateManagementPort(environment)) {
				throw new InheritedSocketUnusableException(management.toString(),
						"no separate management server serves it (management.server.port is not set to a port of its own)",
						"Set management.server.port to a port other than server.port (the inherited socket's port is served "
								+ "whatever the value), or take the socket named '" + InheritedSockets.MANAGEMENT
								+ "' out of the service's Sockets=.");
			}
		});
		InheritedSocket socket = sockets.forApplication()
			.orElseThrow(() -> new InheritedSocketUnusableException("The sockets " + sockets.remaining(),
					"none of them is for the application's port",
					"Name the application's socket '" + InheritedSockets.APPLICATION
							+ "' (FileDescriptorName=http in its .socket unit, --fdname=http for systemd-socket-activate), "
							+ "or pass exactly one socket; or set slimta.system.sockets.activation=false to bind the ports "
							+ "instead."));
		return sockets.take(socket);
	}

	/**
	 * Take the socket of the management port.
	 * @param sockets the inherited sockets
	 * @return the socket, as a channel
	 * @throws InheritedSocketUnusableException if there is none for it
	 */
	public static ActivatedSocket forManagement(InheritedSockets sockets) {
		InheritedSocket socket = sockets.forManagement()
			.orElseThrow(() -> new InheritedSocketUnusableException("The sockets " + sockets.remaining() + " and "
					+ sockets.taken().stream().map(ActivatedSocket::socket).toList(),
					"none of them is for the separate management port",
					"Pass a socket named '" + InheritedSockets.MANAGEMENT
							+ "' (FileDescriptorName=management in its .socket unit, --fdname=management for "
							+ "systemd-socket-activate), or remove management.server.port so that the application's "
							+ "port serves the management endpoints."));
		return sockets.take(socket);
	}

	public static boolean separateManagementPort(Environment environment) {
		if (!ClassUtils.isPresent(MANAGEMENT_CONTEXT, ActivatedServers.class.getClassLoader())) {
			return false;
		}
		return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
	}

	private static void reportSocket(ConfigurableWebServerFactory factory, ActivatedSocket socket) {
		factory.setPort(socket.port());
		factory.setAddress(socket.localAddress().getAddress());
	}

	/** Tomcat: a connector whose endpoint accepts on the socket. */
	public record Tomcat(Supplier<ActivatedSocket> socket) implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatWebServerFactory factory) {
			ActivatedSocket activated = this.socket.get();
			reportSocket(factory, activated);
			factory.setProtocol(ActivatedHttp11NioProtocol.class.getName());
			factory.addConnectorCustomizers((connector) -> ActivatedHttp11NioProtocol.serveOn(connector, activated));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** Jetty: a server connector that accepts on the socket, in the place of Spring Boot's. */
	public record Jetty(Supplier<ActivatedSocket> socket) implements WebServerFactoryCustomizer<JettyWebServerFactory>, Ordered {

		@Override
		public void customize(JettyWebServerFactory factory) {
			ActivatedSocket activated = this.socket.get();
			reportSocket(factory, activated);
			factory.addServerCustomizers((server) -> ActivatedServerConnector.replaceIn(server, activated));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * Reactor Netty: a server channel on the socket, from the loop resources of the application's
	 * {@link ReactorResourceFactory} (which Spring Boot's server would otherwise apply after the
	 * customizers).
	 */
	public record Netty(Supplier<ActivatedSocket> socket, ObjectProvider<ReactorResourceFactory> resources)
			implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			ActivatedSocket activated = this.socket.get();
			reportSocket(factory, activated);
			ReactorResourceFactory resourceFactory = this.resources.getIfAvailable();
			factory.setResourceFactory(null);
			factory.addServerCustomizers((server) -> {
				LoopResources loops = (resourceFactory != null) ? resourceFactory.getLoopResources()
						: server.configuration().loopResources();
				return server.runOn(new ActivatedLoopResources(loops, activated), false);
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
