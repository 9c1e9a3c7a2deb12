package trede.peers;

import java.util.Map;

/** One workflow engine, started on its own H2 file database, as the harness drives it. */
public interface Peer extends AutoCloseable {
  /** Deploys the step's process (resource {@code ontwikkeltraject.bpmn}). */
  void deploy(String bpmnXml);

  /** Starts one step; returns its process instance id. */
  String start(Map<String, Object> variables);

  /** One event: finds the step's open contact task and completes it with the contact's data. */
  void recordContact(String processInstanceId, Map<String, Object> contact);

  @Override
  void close();
}
