package io.dtm.spring.propagation;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the bound transaction to tasks run by an executor ({@code @Async} and the like).
 */
public class DtmContextTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		DtmTransaction transaction = DtmContextHolder.get();
		if (transaction == null) {
			return runnable;
		}
		return () -> {
			DtmTransaction previous = DtmContextHolder.bind(transaction);
			try {
				runnable.run();
			}
			finally {
				DtmContextHolder.restore(previous);
			}
		};
	}

}
