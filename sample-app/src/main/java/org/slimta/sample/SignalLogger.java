package org.slimta.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.signal.SignalEvent;

import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logs every signal the application receives, with its sender, and shows what it received:
 * {@code GET /signals}.
 */
@RestController
class SignalLogger {

	private static final Log logger = LogFactory.getLog(SignalLogger.class);

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile Map<String, Object> last = Map.of();

	@EventListener
	void on(SignalEvent event) {
		logger.info("received " + event.getSignal() + " from pid " + event.getSenderPid() + " (uid "
				+ event.getSenderUid() + ")");
		Map<String, Object> last = new LinkedHashMap<>();
		last.put("signal", event.getSignal().name());
		last.put("senderPid", event.getSenderPid());
		last.put("senderUid", event.getSenderUid());
		this.last = last;
		this.counts.computeIfAbsent(event.getSignal().name(), (name) -> new AtomicLong()).incrementAndGet();
	}

	@GetMapping("/signals")
	Map<String, Object> received() {
		// In a fixed order, as README shows it.
		Map<String, Object> received = new LinkedHashMap<>();
		received.put("counts", new TreeMap<>(this.counts));
		received.put("last", this.last);
		return received;
	}

}
