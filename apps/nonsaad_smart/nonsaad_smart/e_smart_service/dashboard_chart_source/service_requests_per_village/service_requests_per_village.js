frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Service Requests per Village"] = {
	method: "nonsaad_smart.e_smart_service.dashboard_chart_source.service_requests_per_village.service_requests_per_village.get",
	filters: [],
};
