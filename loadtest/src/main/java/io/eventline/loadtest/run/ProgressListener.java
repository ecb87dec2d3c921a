package io.eventline.loadtest.run;

import java.time.Duration;

/** Hears how a run is going, once per sample interval. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(Duration elapsed, long finished, long failed) {
        }

        @Override
        public void done() {
        }
    };

    void progress(Duration elapsed, long finished, long failed);

    void done();
}
