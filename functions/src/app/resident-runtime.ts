import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { photoStorageFromEnv, type PhotoStorage } from '../adapters/storage.ts';
import type { SubscribeMessage } from '../adapters/wechat.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OutboxStore } from '../store/outbox.ts';
import { PlaceStore } from '../store/places.ts';
import { ResidentStore } from '../store/residents.ts';
import { TicketStore } from '../store/tickets.ts';
import { wechatFromEnv } from './sessions/identity.ts';
import { WeComRobot } from '../adapters/wecom.ts';
import { AlertStore } from '../store/alerts.ts';
import { OrgStore } from '../store/org.ts';
import { StaffAlerts } from './notifying/staff-alerts.ts';
import { StaffWeChatChannel, type PersonChannel } from './notifying/staff-channels.ts';
import { StaffSubscriptionStore } from '../store/staff-subscriptions.ts';
import { Dispatcher, type TemplateConfig } from './notifying/notifications.ts';
import { PhotoService } from './photos/photos.ts';
import { ResidentRecords, ResidentService, type ResidentSide } from './residents/resident.ts';
import { withSecrets } from './secrets.ts';
import type { TokenService } from './sessions/tokens.ts';
import { webhookSender } from '../integrations/webhook-runtime.ts';
import { SupervisionStore } from '../store/supervision.ts';
import { RiskEvaluator } from './supervision/risk-evaluation.ts';
import { RiskChecks } from './supervision/risk-checks.ts';
import { PhotoTags } from './photos/photo-tags.ts';

/** WeChat subscription templates of the stage (WECHAT_TEMPLATE_STATUS: 办理进度通知). */
export function templatesFromEnv(env: NodeJS.ProcessEnv): TemplateConfig {
  return env.WECHAT_TEMPLATE_STATUS ? { status_changed: env.WECHAT_TEMPLATE_STATUS } : {};
}

/**
 * The resident side of a warm Lambda, from the stage's environment (WECHAT_*). Photo storage
 * (S3) is passed in by the functions that sign or check photos (functions/src/compose/photos.ts);
 * without it photos are refused and details keep their keys.
 */
export function buildResidentSide(env: NodeJS.ProcessEnv, db: DynamoDBDocumentClient, table: string, tokens: TokenService, storage?: PhotoStorage): ResidentSide {
  const deps = {
    tickets: new TicketStore(db, table),
    residents: new ResidentStore(db, table),
    places: new PlaceStore(db, table),
    photos: storage ? new PhotoService(storage) : undefined,
    tokens,
    wechat: wechatFromEnv(env).login,
    templates: templatesFromEnv(env),
    now: () => Date.now(),
  };
  return { hooks: new ResidentRecords(deps), service: (reads) => new ResidentService({ ...deps, reads }) };
}

let dispatcher: Dispatcher | undefined;

/** The outbox dispatcher of a warm Lambda. */
export function dispatcherFromEnv(processEnv: NodeJS.ProcessEnv = process.env): Dispatcher {
  if (dispatcher) return dispatcher;
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const wechat = wechatFromEnv(env);
  const state = env.WECHAT_MINIPROGRAM_STATE as SubscribeMessage['miniprogram_state'] | undefined;
  dispatcher = new Dispatcher({
    outbox: new OutboxStore(db, config.tableName),
    residents: new ResidentStore(db, config.tableName),
    tickets: new TicketStore(db, config.tableName),
    sender: wechat.sender,
    realSender: wechat.real,
    templates: templatesFromEnv(env),
    miniprogramState: state && ['developer', 'trial', 'formal'].includes(state) ? state : 'formal',
    now: () => Date.now(),
    ...staffAlertsFor(db, config.tableName, env),
    // Webhook events of requests other systems entered (functions/src/integrations/webhooks.ts).
    webhooks: webhookSender(db, config.tableName, () => Date.now()),
    // New requests' risk early warning, evaluated after their write (functions/src/app/supervision/risk-checks.ts).
    riskChecks: riskChecksFor(db, config.tableName),
    // Photos whose tagging failed while their request was filed (functions/src/app/photos/photo-tags.ts), tagged
    // with S3 requests signed by the SDK's signer (functions/src/adapters/s3-signed.ts, no S3 client).
    ...photoTagsFor(db, config.tableName, env),
  });
  return dispatcher;
}

/**
 * Staff alerts of the dispatcher: in-app messages, WeCom robots (links open STAFF_LINK_BASE, the
 * H5 origin) and, with WECHAT_TEMPLATE_STAFF_ALERT set, WeChat subscription messages to staff who
 * bound their WeChat and consented on the staff pages.
 */
export function staffAlertsFor(db: DynamoDBDocumentClient, table: string, env: NodeJS.ProcessEnv): { staffAlerts: StaffAlerts; staffMessages: AlertStore; staffChannels: PersonChannel[] } {
  const alerts = new AlertStore(db, table);
  const org = new OrgStore(db, table);
  const wecom = new WeComRobot({ linkBase: env.STAFF_LINK_BASE ?? '' });
  const wechat = wechatFromEnv(env);
  const templateId = env.WECHAT_TEMPLATE_STAFF_ALERT?.trim();
  const state = env.WECHAT_MINIPROGRAM_STATE as SubscribeMessage['miniprogram_state'] | undefined;
  const staffChannels: PersonChannel[] =
    templateId && wechat.sender
      ? [
          new StaffWeChatChannel({
            templateId,
            sender: wechat.sender,
            consents: new StaffSubscriptionStore(db, table),
            openidOf: async (username) => (await org.staff(username))?.wechatOpenid,
            now: () => new Date().toISOString(),
            state: state && ['developer', 'trial', 'formal'].includes(state) ? state : 'formal',
          }),
        ]
      : [];
  // The thresholds are the admin's settings (CONFIG/ALERTS), read when a delayed check is looked at.
  return { staffAlerts: new StaffAlerts({ alerts, org, wecom, loadPolicy: () => alerts.alertPolicy() }), staffMessages: alerts, staffChannels };
}

/** The risk checks of new requests (functions/src/app/supervision/risk-checks.ts) on this table: the dispatcher's, and the demo seed's. */
export function riskChecksFor(db: DynamoDBDocumentClient, table: string, now: () => number = () => Date.now()): RiskChecks {
  const outbox = new OutboxStore(db, table);
  return new RiskChecks({ outbox, tickets: new TicketStore(db, table), evaluator: new RiskEvaluator({ store: new SupervisionStore(db, table), now }), now });
}

/** The dispatcher's retry of failed photo tagging on this table, with the stage's photo storage (PHOTO_BUCKET); none without one. */
export function photoTagsFor(db: DynamoDBDocumentClient, table: string, env: NodeJS.ProcessEnv, now: () => number = () => Date.now()): { photoTags?: PhotoTags } {
  const storage = photoStorageFromEnv(env);
  return storage ? { photoTags: new PhotoTags({ outbox: new OutboxStore(db, table), tickets: new TicketStore(db, table), storage, now }) } : {};
}
