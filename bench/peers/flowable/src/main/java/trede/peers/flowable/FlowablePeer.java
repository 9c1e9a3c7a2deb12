package trede.peers.flowable;

import java.util.Map;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.task.api.Task;
import trede.peers.Harness;
import trede.peers.Peer;

/** Flowable standalone, history level full, async executor off (no timer falls due in a run). */
public final class FlowablePeer implements Peer {
  private final ProcessEngine engine;

  private FlowablePeer(String jdbcUrl) {
    ProcessEngineConfiguration configuration =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setJdbcUrl(jdbcUrl)
            .setJdbcDriver("org.h2.Driver")
            .setJdbcUsername("sa")
            .setJdbcPassword("")
            .setJdbcMaxActiveConnections(32)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setHistoryLevel(HistoryLevel.FULL)
            .setAsyncExecutorActivate(false);
    engine = configuration.buildProcessEngine();
  }

  @Override
  public void deploy(String bpmnXml) {
    engine.getRepositoryService().createDeployment().addString("ontwikkeltraject.bpmn20.xml", bpmnXml).deploy();
  }

  @Override
  public String start(Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey("ontwikkeltraject", variables).getId();
  }

  @Override
  public void recordContact(String processInstanceId, Map<String, Object> contact) {
    Task task =
        engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
    engine.getTaskService().complete(task.getId(), contact);
  }

  @Override
  public void close() {
    engine.close();
  }

  public static void main(String[] args) throws Exception {
    Harness.run("Flowable 7.2", args, FlowablePeer::new);
  }
}
