package org.slimta.system.autoconfigure.socket;

import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.internal.socket.ActivatedServers;
import org.slimta.system.autoconfigure.internal.socket.OnInheritedSocketsCondition;
import org.slimta.system.autoconfigure.internal.socket.UnusedInheritedSockets;
import org.slimta.system.boot.internal.socket.SocketActivationStatus;
import org.slimta.system.internal.socket.InheritedSockets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.core.env.Environment;

/**
 * Socket activation: where systemd passed this process listening sockets ({@code LISTEN_PID} is
 * this process), the web server of the application's port serves on the one named
 * {@value InheritedSockets#APPLICATION} (or the only one, unnamed) instead of binding its port; a
 * separate management server, on the one named {@value InheritedSockets#MANAGEMENT}. Sockets no
 * server took are closed once the application started. Off with
 * {@code slimta.system.sockets.activation=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnSlimtaSystemEnabled
@ConditionalOnBooleanProperty(name = "slimta.system.sockets.activation", matchIfMissing = true)
@Conditional(OnInheritedSocketsCondition.class)
public final class SocketActivationAutoConfiguration {

	@Bean
	InheritedSockets slimtaInheritedSockets() {
		return InheritedSockets.current();
	}

	@Bean
	SocketActivationStatus slimtaSocketActivationStatus(InheritedSockets slimtaInheritedSockets) {
		return new SocketActivationStatus(slimtaInheritedSockets);
	}

	@Bean
	static UnusedInheritedSockets slimtaUnusedInheritedSockets() {
		return new UnusedInheritedSockets();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(TomcatWebServerFactory.class)
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatWebServerFactory> slimtaTomcatSocketActivation(InheritedSockets sockets,
				Environment environment) {
			return new ActivatedServers.Tomcat(() -> ActivatedServers.forApplication(sockets, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(JettyWebServerFactory.class)
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<JettyWebServerFactory> slimtaJettySocketActivation(InheritedSockets sockets,
				Environment environment) {
			return new ActivatedServers.Jetty(() -> ActivatedServers.forApplication(sockets, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	static class NettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> slimtaNettySocketActivation(
				InheritedSockets sockets, Environment environment, ObjectProvider<ReactorResourceFactory> resources) {
			return new ActivatedServers.Netty(() -> ActivatedServers.forApplication(sockets, environment), resources);
		}

	}

}
