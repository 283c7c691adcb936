import type { Table } from '../harness/case'
export default { spec: 'params', cases: [] } satisfies Table
