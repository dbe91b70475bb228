/* global module */
// @ts-check
/**
 * An osls plugin that refuses to deploy the `local` stage. That stage carries the
 * public default session secret, the development WeChat identity and DynamoDB
 * Local's endpoint; it exists for `npm start` (serverless-offline) only.
 */
const REFUSED = ['local'];

class DeployGuard {
  /** @param {{ service: { provider: { stage?: string } } }} serverless @param {{ stage?: string }} options */
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options || {};
    const check = () => this.check();
    this.hooks = {
      'before:deploy:deploy': check,
      'before:deploy:function:initialize': check,
      'before:deploy:list:log': check,
    };
  }

  check() {
    const stage = this.options.stage || this.serverless.service.provider.stage;
    if (stage && REFUSED.includes(stage)) {
      throw new Error(`The "${stage}" stage runs on a developer's machine only (development secret and identity); deploy another stage, e.g. --stage prod.`);
    }
  }
}

module.exports = DeployGuard;
