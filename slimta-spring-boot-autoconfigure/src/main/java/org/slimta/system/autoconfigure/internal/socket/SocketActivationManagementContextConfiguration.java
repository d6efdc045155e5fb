package org.slimta.system.autoconfigure.internal.socket;

import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.internal.socket.InheritedSockets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
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

/**
 * The separate management server ({@code management.server.port}) serves on the socket named
 * {@value InheritedSockets#MANAGEMENT}: its context customizes only its own server factory.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnSlimtaSystemEnabled
@ConditionalOnBooleanProperty(name = "slimta.system.sockets.activation", matchIfMissing = true)
@Conditional(OnInheritedSocketsCondition.class)
class SocketActivationManagementContextConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(TomcatWebServerFactory.class)
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatWebServerFactory> slimtaTomcatManagementSocketActivation() {
			return new ActivatedServers.Tomcat(() -> ActivatedServers.forManagement(InheritedSockets.current()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(JettyWebServerFactory.class)
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<JettyWebServerFactory> slimtaJettyManagementSocketActivation() {
			return new ActivatedServers.Jetty(() -> ActivatedServers.forManagement(InheritedSockets.current()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	static class NettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> slimtaNettyManagementSocketActivation(
				ObjectProvider<ReactorResourceFactory> resources) {
			return new ActivatedServers.Netty(() -> ActivatedServers.forManagement(InheritedSockets.current()),
					resources);
		}

	}

}
