package vn.caunoi.core.imports;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** SQL of import jobs and their rejected rows (ImportMapper.xml beside it). */
interface ImportMapper {

    final class JobRow {
        public Long id;
        public String kind;
        public String fileName;
        public String fileFormat;
        public String contentSha256;
        public String parameters;
        public String state;
        public Long bytesTotal;
        public Double fractionDone;
        public Double rowsPerSecond;
        public Double etaSeconds;
        public Long lastLine;
        public Long rowsDone;
        public Long rowsAccepted;
        public Long rowsRejected;
        public String failure;
        public String startedBy;
        public java.time.OffsetDateTime startedAt;
        public java.time.OffsetDateTime updatedAt;
        public java.time.OffsetDateTime finishedAt;
    }

    final class RejectionRow {
        public Long line;
        public String columnName;
        public String code;
        public String reason;
    }


    int insertJob(@Param("j") JobRow job);

    JobRow findJob(@Param("kind") String kind, @Param("sha") String sha256);

    JobRow job(@Param("id") long id);

    int start(@Param("id") long id);

    List<JobRow> unfinished();

    int progress(@Param("id") long id, @Param("lastLine") long lastLine, @Param("done") long done, @Param("accepted") long accepted,
                 @Param("rejected") long rejected, @Param("fraction") double fraction, @Param("rate") Double rowsPerSecond,
                 @Param("eta") Double etaSeconds);

    int finish(@Param("id") long id, @Param("state") String state, @Param("failure") String failure);

    List<RejectionRow> rejections(@Param("id") long jobId, @Param("offset") long offset, @Param("limit") int limit);

    long rejectionCount(@Param("id") long jobId);
}
