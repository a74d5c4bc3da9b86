import { ACTUATORS } from '../../core/actuators/catalogue.js';
import type { DatapoolClient } from '../../datapool/types.js';
import { fleetActuatorInstances } from './actuator-fleet.js';
import type { ActuatorToolOptions } from './actuator-tools.js';
import { AuditLog } from './safety/audit-log.js';
import { EmergencyStop } from './safety/emergency-stop.js';
import { SafetyGate } from './safety/gate.js';
import { loadSafetyPolicy } from './safety/policy-file.js';

/**
 * What a process that serves actuator tools holds: a safety gate over the fleet's actuators as the datapool
 * knows them now (a board that announces one later cannot be moved until the next start), the operator's
 * emergency stop (held here, out of every tool's reach), and the audit log, which it closes on the way out.
 */
export interface ActuatorSafety {
  options: Omit<ActuatorToolOptions, 'datapool'>;
  close(): Promise<void>;
}

export interface ActuatorSafetyOptions {
  datapool: DatapoolClient;
  auditLog: string;
  /** The operator's policy file; absent: the default policy (the datasheets and their hazard directions). */
  policyFile?: string;
  log?: (line: string) => void;
}

/** A corrupt policy fails closed: the load throws, and nothing is served. */
export async function openActuatorSafety(options: ActuatorSafetyOptions): Promise<ActuatorSafety> {
  const policy = options.policyFile === undefined ? undefined : await loadSafetyPolicy(options.policyFile, ACTUATORS);
  const emergencyStop = new EmergencyStop({ instances: fleetActuatorInstances(await options.datapool.mcus()) });
  const gate = new SafetyGate({ emergencyStop, ...(policy === undefined ? {} : { policy }) });
  const audit = await AuditLog.open(options.auditLog);
  return {
    options: { gate, audit, ...(options.log === undefined ? {} : { log: options.log }) },
    close: () => audit.close(),
  };
}
