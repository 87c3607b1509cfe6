import type { Rule } from '../../../../src/model/rule.js';
import { asString } from '../../../../src/terraform/index.js';
import { awsRule } from './util.js';

// ---------------------------------------------------------------- AMIs shared with everyone

const amiPublic = awsRule({
  name: 'ami-public',
  title: 'AMI is shared with every AWS account',
  description:
    'An `aws_ami_launch_permission` with `group = "all"` makes the image public: any AWS account can launch it and copy its snapshots, and with them whatever was baked in — application code, configuration files, SSH host keys, credentials left on disk.',
  severity: 'high',
  messages: {
    public: 'group is {{actual}}{{from}} in {{address}}, which makes the AMI public; share it with named accounts (account_id) or your organisation (organization_arn) instead.',
  },
  remediation: 'Remove the `group = "all"` launch permission; share with `account_id`, `organization_arn` or `organizational_unit_arn`, and turn on `aws_ec2_image_block_public_access` (state = "block-new-sharing").',
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html'],
  standards: { sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-284', 'CWE-200'] },
  equivalents: {},
  resources: ['aws_ami_launch_permission'],
  check(inst, r) {
    const a = inst.get('group');
    if (a && asString(a.value) === 'all') r.attr(inst, a, 'public');
  },
});

export const sharingRules: Rule[] = [amiPublic];
