import type { JointVisitStatus } from '@ycta/shared/contracts/joint.contract';
import type { JointOutcome } from '@ycta/shared/domain/joint-supervision';

// labels kept here, not imported from shared at run time: that would pull zod into the weapp package
export const itemResultLabels = { pass: '合格', fail: '不合格', not_applicable: '不涉及' } as const;
export const modeLabels = { onsite: '现场检查', remote: '远程视频检查' } as const;
const statusLabels: Record<JointVisitStatus, string> = { planned: '已安排', booked: '已预约', judging: '检查中', rectifying: '整改中', closed: '已办结' };
const outcomeLabels: Record<JointOutcome, string> = { pass: '合格', rectify: '责令整改', serious: '发现严重问题' };
export const statusLabel = (s: JointVisitStatus) => statusLabels[s];
export const outcomeLabel = (o: JointOutcome | null) => (o ? outcomeLabels[o] : '尚未汇总');
