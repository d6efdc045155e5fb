package org.slimta.system.boot.internal.reload;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The classic "HUP reloads the configuration": asks Spring Cloud Context to refresh, which
 * re-reads the configuration files, re-binds {@code @ConfigurationProperties}, rebuilds
 * {@code @RefreshScope} beans and applies {@code logging.level.*}. A file that no longer parses
 * fails the refresh before anything changed: the application keeps its previous configuration.
 */
public class CloudRefreshHangupAction implements HangupAction {

	// Enough to recognise the change in a log line; the count says how many there were.
	private static final int KEYS_SHOWN = 5;

	private static final String CONSEQUENCE = "kept the previous one; fix the file and send SIGHUP again";

	private final ApplicationEventPublisher publisher;

	private final @Nullable ConfigurableEnvironment environment;

	private volatile boolean ready;

	// The SIGHUP thread while it refreshes: the refresh announces its changes on the thread that asked.
	private volatile @Nullable Thread refreshing;

	private volatile @Nullable Set<String> changed;

	/**
	 * Create the action.
	 * @param publisher publishes the {@code RefreshEvent} that Spring Cloud Context acts on
	 * @param environment the application's environment, to name a configuration file that no
	 * longer parses; {@code null} if unknown
	 */
	public CloudRefreshHangupAction(ApplicationEventPublisher publisher, @Nullable ConfigurableEnvironment environment) {
		this.publisher = publisher;
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return CONFIGURATION;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		this.ready = true;
	}

	@EventListener
	void changed(EnvironmentChangeEvent event) {
		if (Thread.currentThread() == this.refreshing) {
			this.changed = new TreeSet<>(event.getKeys());
		}
	}

	@Override
	public void afterHangup(Reload reload) {
		this.changed = null;
		this.refreshing = Thread.currentThread();
		try {
			this.publisher.publishEvent(new RefreshEvent(this, "SIGHUP", "SIGHUP received"));
		}
		catch (RuntimeException ex) {
			// A file that does not parse is said in one line with where; anything else keeps its stack trace.
			Optional<String> yaml = YamlParseError.explain(ex, this.environment);
			if (yaml.isPresent()) {
				reload.failed("configuration", CONSEQUENCE, yaml.get());
			}
			else {
				reload.failed("configuration", CONSEQUENCE, ex);
			}
			return;
		}
		finally {
			this.refreshing = null;
		}
		Set<String> keys = this.changed;
		if (keys != null) {
			reload.reloaded("configuration (" + describe(keys) + ")");
		}
		else if (!this.ready) {
			reload.skipped("configuration", "Spring Cloud refreshes only once the application is ready");
		}
		else {
			reload.skipped("configuration", "nothing refreshed it; is spring.cloud.refresh.enabled false?");
		}
	}

	private static String describe(Set<String> keys) {
		if (keys.isEmpty()) {
			return "unchanged";
		}
		List<String> shown = keys.stream().limit(KEYS_SHOWN).toList();
		String more = (keys.size() > KEYS_SHOWN) ? ", ..." : "";
		return keys.size() + ((keys.size() == 1) ? " key" : " keys") + " changed: " + String.join(", ", shown) + more;
	}

}
