package vn.caunoi.api.database;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.common.QueryTimeoutException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch of reads starts only while its request has time left. */
class RequestDeadlineTest {

    @Test
    void work_is_refused_once_the_requests_deadline_has_passed_and_allowed_before_it_and_outside_requests() throws Exception {
        // before the deadline, and outside any request (an import, the command line): allowed
        assertThat(RequestDeadline.within(Duration.ofSeconds(30), () -> {
            RequestDeadline.check();
            return "read";
        })).isEqualTo("read");
        RequestDeadline.check();

        // after it: the timeout a client gets for a statement past its time (code TIMEOUT)
        assertThatThrownBy(() -> RequestDeadline.within(Duration.ofMillis(20), () -> {
            Thread.sleep(50);
            RequestDeadline.check();
            return "read";
        })).isInstanceOf(QueryTimeoutException.class).satisfies(e -> assertThat(((QueryTimeoutException) e).code()).isEqualTo("TIMEOUT"));

        // and the deadline ends with its request
        RequestDeadline.check();
        assertThat(RequestDeadline.nanos()).isNull();
    }
}
