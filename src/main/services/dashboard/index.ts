export { DashboardService } from './service';
