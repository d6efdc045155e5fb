package org.slimta.system.uuid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several threads that share one generator, started together so that their calls overlap.
 */
final class ConcurrentGeneration {

	static final int THREADS = 4;

	static final int PER_THREAD = 50_000;

	private ConcurrentGeneration() {
	}

	/**
	 * Generate {@link #PER_THREAD} ids on each of {@link #THREADS} threads.
	 * @return the ids of each thread, in the order that thread got them
	 */
	static List<List<UUID>> generate(UuidGenerator generator) throws Exception {
		CyclicBarrier start = new CyclicBarrier(THREADS);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Callable<List<UUID>>> tasks = Collections.nCopies(THREADS, () -> {
				start.await();
				List<UUID> mine = new ArrayList<>(PER_THREAD);
				for (int i = 0; i < PER_THREAD; i++) {
					mine.add(generator.generate());
				}
				return mine;
			});
			List<List<UUID>> perThread = new ArrayList<>();
			for (Future<List<UUID>> result : executor.invokeAll(tasks)) {
				perThread.add(result.get());
			}
			return perThread;
		}
		finally {
			executor.shutdownNow();
		}
	}

	static List<UUID> all(List<List<UUID>> perThread) {
		return perThread.stream().flatMap(List::stream).toList();
	}

}
