package trede.peers.camunda;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import trede.peers.Harness;
import trede.peers.Peer;

/** Camunda 7 standalone, history level full, job executor off (no timer falls due in a run). */
public final class CamundaPeer implements Peer {
  private final ProcessEngine engine;

  private CamundaPeer(String jdbcUrl) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl)
                .setJdbcDriver("org.h2.Driver")
                .setJdbcUsername("sa")
                .setJdbcPassword("")
                .setJdbcMaxActiveConnections(32)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
    // The step has no cleanup policy: history kept, as Trede keeps every event.
    configuration.setEnforceHistoryTimeToLive(false);
    engine = configuration.buildProcessEngine();
  }

  @Override
  public void deploy(String bpmnXml) {
    engine.getRepositoryService().createDeployment().addString("ontwikkeltraject.bpmn", bpmnXml).deploy();
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
    Harness.run("Camunda 7.24", args, CamundaPeer::new);
  }
}
