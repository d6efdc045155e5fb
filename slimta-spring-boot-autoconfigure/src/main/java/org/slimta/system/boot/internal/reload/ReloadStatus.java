package org.slimta.system.boot.internal.reload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.FeatureStatus;

/**
 * The last reload on SIGHUP, as the {@code reload} health detail shows it: how many there were,
 * when the last one happened, whether it succeeded and what it reloaded. Also says so in the log,
 * in one line: INFO when everything reloaded, ERROR with the reason when something did not. A
 * failed reload leaves the health UP: the application goes on with what it had.
 */
public class ReloadStatus implements FeatureStatus {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.reload");

	private final AtomicLong count = new AtomicLong();

	private volatile @Nullable Reload last;

	/**
	 * Log how the reload went and make it the last one.
	 * @param reload a reload whose actions all ran
	 */
	public void finish(Reload reload) {
		Duration took = reload.finish();
		this.count.incrementAndGet();
		this.last = reload;
		String skipped = reload.skipped().isEmpty() ? "" : "; not reloaded: " + String.join(", ", reload.skipped());
		String reloaded = reload.reloaded().isEmpty() ? "nothing" : String.join(", ", reload.reloaded());
		String from = "SIGHUP from pid " + reload.senderPid() + " in " + took.toMillis() + " ms";
		if (reload.succeeded()) {
			logger.info("Reloaded after " + from + ": " + reloaded + skipped);
		}
		else {
			logger.error("Reload after " + from + " failed: " + String.join("; ", reload.failures()) + "; reloaded: "
					+ reloaded + skipped, reload.firstFailure());
		}
	}

	/** The last reload, or {@code null} before the first. */
	@Nullable Reload last() {
		return this.last;
	}

	@Override
	public String detail() {
		return "reload";
	}

	@Override
	public Object value() {
		Map<String, Object> value = new LinkedHashMap<>();
		Reload reload = this.last;
		value.put("count", this.count.get());
		if (reload != null) {
			value.put("last", reload.started().toString());
			value.put("succeeded", reload.succeeded());
			value.put("reloaded", reload.reloaded());
			if (!reload.skipped().isEmpty()) {
				value.put("skipped", reload.skipped());
			}
			if (!reload.succeeded()) {
				value.put("failures", reload.failures());
			}
		}
		return value;
	}

	@Override
	public boolean failed() {
		return false;
	}

}
