/** Public API of the products module (product lines, products, coverages). */
export { productRoutes } from './product.routes.ts';
export { findProductByCode, findProduct, createProduct } from './product.service.ts';
export { insertProducts, type ProductRow } from './product.repository.ts';
export { DEFAULT_COOLING_OFF_DAYS } from './product-rules.ts';
