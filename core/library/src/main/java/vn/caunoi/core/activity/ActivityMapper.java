package vn.caunoi.core.activity;

import org.apache.ibatis.annotations.Param;
import vn.caunoi.core.activity.Activities;

import java.time.LocalDate;
import java.util.List;

/** SQL of support activities, trainings, campaigns and feedback (ActivityMapper.xml beside it). */
interface ActivityMapper {

    long insertSupport(@Param("a") ActivityRows.SupportRow activity);

    ActivityRows.SupportRow support(@Param("id") long id);

    /** Of these campaigns, those covering a unit of the scope. */
    List<Long> campaignsInScope(@Param("ids") Long[] campaignIds, @Param("scope") Long[] scope);

    List<ActivityRows.SupportRow> supportByIds(@Param("ids") Long[] ids);

    List<ActivityRows.SupportRow> searchSupport(@Param("q") ActivityFilter filter, @Param("offset") int offset, @Param("limit") int limit);

    ActivityRows.TotalsRow supportTotals(@Param("q") ActivityFilter filter);

    /** Fresh planner statistics after a bulk load. */
    void analyze();

    long insertTraining(@Param("t") ActivityRows.TrainingRow training);

    int insertAttendance(@Param("trainingId") long trainingId, @Param("ids") Long[] memberIds);

    List<ActivityRows.TrainingRow> trainingsByIds(@Param("ids") Long[] ids);

    List<ActivityRows.TrainingRow> searchTrainings(@Param("q") ActivityFilter filter, @Param("offset") int offset, @Param("limit") int limit);

    long countTrainings(@Param("q") ActivityFilter filter);

    List<ActivityRows.PairRow> attendance(@Param("ids") Long[] trainingIds);

    List<ActivityRows.PairRow> trainingsAttended(@Param("ids") Long[] memberIds);

    long insertCampaign(@Param("name") String name, @Param("from") LocalDate startsOn, @Param("to") LocalDate endsOn);

    int insertCampaignUnits(@Param("campaignId") long campaignId, @Param("ids") Long[] unitIds);

    List<ActivityRows.CampaignRow> campaignsByIds(@Param("ids") Long[] ids);

    List<ActivityRows.CampaignRow> campaigns(@Param("activeOn") LocalDate activeOn, @Param("offset") int offset, @Param("limit") int limit);

    long countCampaigns(@Param("activeOn") LocalDate activeOn);

    List<ActivityRows.PairRow> campaignUnits(@Param("ids") Long[] campaignIds);

    long insertFeedback(@Param("f") ActivityRows.FeedbackRow feedback);

    ActivityRows.FeedbackRow feedback(@Param("id") long id);

    List<ActivityRows.FeedbackRow> feedbackByIds(@Param("ids") Long[] ids);

    int updateFeedbackStatus(@Param("id") long id, @Param("status") Activities.FeedbackStatus status, @Param("on") LocalDate on);

    List<ActivityRows.FeedbackRow> searchFeedback(@Param("q") ActivityFilter filter, @Param("offset") int offset, @Param("limit") int limit);

    long countFeedback(@Param("q") ActivityFilter filter);


}
