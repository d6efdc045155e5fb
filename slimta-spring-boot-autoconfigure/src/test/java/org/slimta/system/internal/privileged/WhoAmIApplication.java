package org.slimta.system.internal.privileged;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.slimta.system.internal.privilege.PrivilegeDrop;
import org.slimta.system.internal.privilege.ThreadCredentials;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application run as a child JVM by {@link PrivilegeDropIT}, on whichever web server its
 * class path holds (Tomcat, Jetty or Reactor Netty): {@code GET /whoami} tells which server
 * answered and who the thread that handled the request is. With {@code whoami.hold-after-listening}
 * it waits after each server listens, so that requests surely arrive before privileges are dropped;
 * {@code whoami.hand-over} names a file it hands to the target user, as a pid file would be.
 */
@SpringBootApplication
@RestController
public class WhoAmIApplication {

	private final ApplicationContext context;

	WhoAmIApplication(ApplicationContext context) {
		this.context = context;
	}

	@GetMapping("/whoami")
	Map<String, Object> whoami() {
		ThreadCredentials thread = ThreadCredentials.ofCurrentThread();
		return Map.of("uid", thread.effectiveUid(), "gid", thread.effectiveGid(), "thread", thread.name(), "server",
				((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName());
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> holdAfterListening(
			@Value("${whoami.hold-after-listening:0ms}") Duration hold) {
		return (event) -> {
			try {
				Thread.sleep(hold.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	@Bean
	InitializingBean handOver(PrivilegeDrop drop, @Value("${whoami.hand-over:}") String file) {
		return () -> {
			if (!file.isEmpty()) {
				drop.handOver(Path.of(file));
			}
		};
	}

	public static void main(String[] args) {
		SpringApplication.run(WhoAmIApplication.class, args);
	}

}
