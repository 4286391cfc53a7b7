package vn.caunoi.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings under {@code caunoi.*}.
 *
 * @param dataDir  where the embedded PostgreSQL keeps its data (and later keys); survives restarts
 * @param demoData load the demo data set on first start against an empty database
 * @param graphiql serve the GraphiQL page at /graphiql
 * @param timeZone the zone in which "today" is reckoned for dates left out
 * @param pluginsDir where digital-service plugins are loaded from; by default {@code plugins/} beside the server jar
 * @param personalDataKey base64 of 32 bytes protecting personal data; by default a key file generated in the data directory
 * @param resumeImports resume, when the server starts, the import jobs it was running when it stopped
 * @param importChunkRows rows per transaction of an uploaded import (progress is reported per chunk)
 * @param scorecard the thresholds below which a team's scorecard is flagged (a query may set its own)
 */
@ConfigurationProperties("caunoi")
public record CauNoiProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue("true") boolean demoData,
                               @DefaultValue("true") boolean graphiql,
                               @DefaultValue("Asia/Ho_Chi_Minh") String timeZone,
                               Path pluginsDir,
                               String personalDataKey,
                               @DefaultValue("true") boolean resumeImports,
                               @DefaultValue("20000") int importChunkRows,
                               @DefaultValue Scorecard scorecard) {

    /** {@code caunoi.scorecard.*}: see {@link vn.caunoi.core.indicator.Indicators.Thresholds}. */
    public record Scorecard(@DefaultValue("0.25") double activitiesPerMemberPerMonth,
                            @DefaultValue("0.5") double activeMemberShare,
                            @DefaultValue("0.6") double trainedMemberShare,
                            @DefaultValue("0.5") double growthVsProvince,
                            @DefaultValue("3") int minimumMembers) {

        public vn.caunoi.core.indicator.Indicators.Thresholds thresholds() {
            return new vn.caunoi.core.indicator.Indicators.Thresholds(activitiesPerMemberPerMonth, activeMemberShare,
                    trainedMemberShare, growthVsProvince, minimumMembers);
        }
    }
}
